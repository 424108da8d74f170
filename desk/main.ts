// The editors' desk: loads its configuration, finishes or starts the sign-in, then shows the shell.
import { useConfig } from './api.ts';
import { currentSession, finishSignIn, loadConfig, signIn, signOut } from './auth.ts';
import { fill, h } from './dom.ts';
import { language, setLanguage, t } from './i18n.ts';
import { startShell } from './shell.ts';

async function boot(): Promise<void> {
  setLanguage(language());
  const app = document.getElementById('app') as HTMLElement;
  let config: Awaited<ReturnType<typeof loadConfig>>;
  try {
    config = await loadConfig();
    useConfig(config);
    await finishSignIn(config);
  } catch (e) {
    fill(
      app,
      h(
        'main',
        { id: 'main' },
        h('h1', null, t('desk.title')),
        h('p', { role: 'alert' }, t('error.signin', { detail: (e as Error).message })),
        h('button', { type: 'button', onclick: () => location.reload() }, t('signIn.retry')),
      ),
    );
    return;
  }
  if (!currentSession()) {
    fill(app, h('main', { id: 'main' }, h('p', { role: 'status' }, t('signIn.going'))));
    await signIn(config, location.hash);
    return;
  }
  startShell(() => signOut(config));
}

void boot();
