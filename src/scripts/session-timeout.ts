// The timeout warning (GOV.UK pattern): opens the dialog a few minutes before
// the session ends, keeps the session on "Stay signed in", signs out at the end.
// Open tabs tell each other about a new end time (BroadcastChannel: nothing is
// stored on the device).
const dialog = document.querySelector<HTMLDialogElement>('#portal-timeout');

if (dialog && typeof dialog.showModal === 'function') {
  const warnMs = Number(dialog.dataset.warnSeconds) * 1000;
  const keepAliveUrl = dialog.dataset.keepAlive ?? '';
  const title = dialog.querySelector<HTMLElement>('#portal-timeout-title');
  const signOutForm = dialog.querySelector<HTMLFormElement>('[data-sign-out]');
  const reason = dialog.querySelector<HTMLInputElement>('[data-reason]');
  const stay = dialog.querySelector<HTMLButtonElement>('[data-stay]');
  const usualText = dialog.querySelector<HTMLElement>('#portal-timeout-text');
  const finalText = dialog.querySelector<HTMLElement>('#portal-timeout-final');
  // The session's absolute end (hours after signing in): no "Stay signed in" can move it.
  const absoluteEnd = Date.now() + Number(dialog.dataset.endsIn) * 1000;
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel('portal-session') : null;
  let endsAt = Math.min(Date.now() + Number(dialog.dataset.secondsLeft) * 1000, absoluteEnd);
  let lastMinute = false;
  let signingOut = false;

  const close = () => {
    if (dialog.open) dialog.close();
    lastMinute = false;
  };

  const extend = (newEnd: number, tell: boolean) => {
    endsAt = Math.min(newEnd, absoluteEnd);
    close();
    if (tell) channel?.postMessage({ endsAt });
  };

  /** The end coming is the absolute one: staying signed in cannot help. */
  const finalEnd = () => endsAt >= absoluteEnd - 1000;

  const signOut = (timedOut: boolean) => {
    if (signingOut || !signOutForm) return;
    signingOut = true;
    if (reason) reason.value = timedOut ? (finalEnd() ? 'ended' : 'timeout') : '';
    signOutForm.submit();
  };

  /** Says why the end cannot be moved, and offers only signing out. */
  const showFinal = () => {
    if (!finalText || !usualText) return;
    const final = finalEnd();
    finalText.hidden = !final;
    usualText.hidden = final;
    if (stay) stay.hidden = final;
    dialog.setAttribute('aria-describedby', final ? finalText.id : usualText.id);
  };

  const tick = () => {
    const left = endsAt - Date.now();
    if (left <= 0) return signOut(true);
    if (left <= warnMs && !dialog.open) {
      showFinal();
      dialog.showModal();
      // Focus the heading so screen readers read out what is happening.
      title?.focus();
    }
    if (left <= 60_000 && !lastMinute && dialog.open && title && dialog.dataset.titleOne) {
      lastMinute = true;
      title.textContent = dialog.dataset.titleOne;
    }
  };

  const keepAlive = async () => {
    try {
      const response = await fetch(keepAliveUrl, {
        method: 'POST',
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      // Signed out already (the server sent the sign-in page instead): say so.
      if (!response.ok || response.redirected || !response.headers.get('content-type')?.includes('json'))
        return signOut(true);
      const { secondsLeft } = (await response.json()) as { secondsLeft?: unknown };
      if (typeof secondsLeft !== 'number' || secondsLeft <= 0) return signOut(true);
      extend(Date.now() + secondsLeft * 1000, true);
    } catch {
      // Offline: keep the dialog; the reader can try again.
    }
  };
  stay?.addEventListener('click', () => void keepAlive());

  // Escape means "stay", as in the GOV.UK pattern: never a silent sign-out.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    if (!finalEnd()) stay?.click();
  });

  channel?.addEventListener('message', (event: MessageEvent<{ endsAt?: number }>) => {
    if (typeof event.data.endsAt === 'number' && event.data.endsAt > endsAt) extend(event.data.endsAt, false);
  });
  // A page loaded in another tab moved the end: tell the others.
  channel?.postMessage({ endsAt });

  window.setInterval(tick, 1000);
}
