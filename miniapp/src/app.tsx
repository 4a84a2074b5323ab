import type { PropsWithChildren } from 'react';
import { restartAt } from './platform/nav';
import { setUnauthenticatedHandler } from './platform/request';
import './app.css';

// A 401 anywhere means the session is gone: start over at the login page.
setUnauthenticatedHandler(() => restartAt('login'));

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
