import { render } from 'preact';
import { PopupApp } from '@/components/popup/PopupApp';
import '@/components/shared/theme.css';

render(<PopupApp search={location.search} />, document.getElementById('app') as HTMLElement);
