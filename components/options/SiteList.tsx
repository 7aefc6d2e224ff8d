import { useState } from 'preact/hooks';
import { siteToMatchPattern } from '@/lib/settings/site-patterns';

export interface SiteListProps {
  id: string;
  label: string;
  help: string;
  sites: string[];
  onChange(sites: string[]): void;
}

export function SiteList({ id, label, help, sites, onChange }: SiteListProps) {
  const [entry, setEntry] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = (e: Event) => {
    e.preventDefault();
    const site = entry.trim().toLowerCase();
    if (!siteToMatchPattern(site)) {
      setError(`"${entry}" is not a site name. Use e.g. example.com or *.example.com.`);
      return;
    }
    setError(null);
    setEntry('');
    if (!sites.includes(site)) onChange([...sites, site]);
  };
  return (
    <form onSubmit={add} class="site-list">
      <label for={id}>{label}</label>
      <p class="muted">{help}</p>
      <ul>
        {sites.map((s) => (
          <li key={s}>
            {s}{' '}
            <button type="button" aria-label={`Remove ${s}`} onClick={() => onChange(sites.filter((x) => x !== s))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div class="row">
        <input id={id} value={entry} onInput={(e) => setEntry(e.currentTarget.value)} />
        <button type="submit">Add</button>
      </div>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </form>
  );
}
