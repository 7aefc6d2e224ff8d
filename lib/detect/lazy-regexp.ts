/**
 * A RegExp built on its first use. V8 parses every regex literal of a script when it compiles the
 * script, even one inside a function that never runs, and a literal with Unicode property classes
 * (`\p{L}`, `\p{Script=Latin}`) costs about a millisecond to parse: the three such literals of the
 * candidate rules were 2.1 ms of the always-on script's compile on every page, numbers or not (measured in
 * Node 20's V8, one fresh process per literal; tests/bench prints the page figure). A pattern given as a
 * string is parsed only when `new RegExp` runs, here on the first call. (Building the rules' other
 * patterns on first use too made no measurable difference, so they stay plain.)
 */
export function lazyRegExp(source: string, flags = ''): () => RegExp {
  let built: RegExp | undefined;
  return () => {
    built ??= new RegExp(source, flags);
    return built;
  };
}
