import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import '@/components/theme.css';

render(<PopupApp search={location.search} />, document.getElementById('app') as HTMLElement);
