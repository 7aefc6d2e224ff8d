import { getCountries } from 'libphonenumber-js/max';
import { useMemo } from 'preact/hooks';

export interface CountrySelectProps {
  value: string;
  onChange(country: string): void;
}

export function CountrySelect({ value, onChange }: CountrySelectProps) {
  const options = useMemo(() => {
    const names = new Intl.DisplayNames(undefined, { type: 'region' });
    return getCountries()
      .map((code) => ({ code, name: names.of(code) ?? code }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, []);
  return (
    <>
      <label for="default-country">Default country</label>
      <select id="default-country" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name} ({o.code})
          </option>
        ))}
      </select>
      <p class="muted">Numbers written without +country code on web pages are read as numbers of this country.</p>
    </>
  );
}
