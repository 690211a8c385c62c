/**
 * Waits until the sign-in service (Keycloak) answers before keycloak-js takes the page there. Without this, the
 * browser would be sent to a login page that cannot load and show its own "site can't be reached"; instead the page
 * says what is wrong and what still works, tries again every few seconds, and goes on by itself once Keycloak
 * answers. The probe is a no-cors fetch of the realm's discovery document, which fails only when nothing answers.
 */
export async function awaitSignInService(root: HTMLElement, keycloakUrl: string, realm: string, retryMs = 5_000): Promise<void> {
  const probe = `${keycloakUrl.replace(/\/+$/, '')}/realms/${encodeURIComponent(realm)}/.well-known/openid-configuration`;
  if (await answers(probe)) return;
  const tried = paragraph('muted', '');
  const retry = document.createElement('button');
  retry.textContent = 'Try again now';
  let wake = () => {};
  retry.addEventListener('click', () => wake());
  const page = document.createElement('section');
  page.className = 'signin-unavailable';
  page.setAttribute('role', 'alert');
  const title = document.createElement('h1');
  title.textContent = 'Sign-in is unavailable';
  page.append(title,
    paragraph('', `The sign-in service (${new URL(keycloakUrl).origin}) is not answering, so nobody can sign in to the inbox right now.`),
    paragraph('', 'Agents who are already signed in keep working until their sign-in expires. Tell your administrator if this lasts.'),
    tried, retry);
  root.replaceChildren(page);
  do {
    tried.textContent = `Tried at ${new Date().toLocaleTimeString()}; this page tries again every ${retryMs / 1000} seconds and goes on by itself.`;
    await new Promise<void>((resolve) => { wake = resolve; window.setTimeout(resolve, retryMs); });
  } while (!(await answers(probe)));
  root.replaceChildren(paragraph('boot', 'Signing in…'));
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

function paragraph(className: string, text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  if (className) p.className = className;
  p.textContent = text;
  return p;
}
