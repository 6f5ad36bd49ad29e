// Phone layout (the `max-width: 700px` block of style.css): the top bar's controls fold into a ☰ menu, the side column
// (图例, 找地, 重点项目) opens over the map from a button, and the parcel panel is a bottom sheet. Opening the panel
// folds the menu and the side column, so the sheet is seen. On a wider screen the buttons are hidden and nothing here
// changes the layout.
export const PHONE = window.matchMedia('(max-width: 700px)');

export function phoneLayout({ topbar, menuButton, sideButton, sidebar }) {
  const menuOpen = () => topbar.classList.contains('menu-open');
  const sideOpen = () => document.body.classList.contains('side-open');
  const setMenu = (open) => {
    topbar.classList.toggle('menu-open', open);
    menuButton.setAttribute('aria-expanded', String(open));
  };
  const setSide = (open) => {
    document.body.classList.toggle('side-open', open);
    sideButton.setAttribute('aria-expanded', String(open));
  };

  menuButton.addEventListener('click', () => { setSide(false); setMenu(!menuOpen()); });
  sideButton.addEventListener('click', () => {
    setMenu(false);
    setSide(!sideOpen());
    if (sideOpen()) sidebar.querySelector('summary, select, button')?.focus({ preventScroll: true });
  });
  sidebar.insertAdjacentHTML('afterbegin', '<button type="button" class="close side-close" aria-label="关闭侧栏">×</button>');
  sidebar.querySelector('.side-close').addEventListener('click', () => { setSide(false); sideButton.focus(); });
  // A menu button that shows something on the map or in a dialog folds the menu; 登录 leaves it open, to show who
  // signed in. A tap outside the menu or the side column (not in a dialog) folds it too.
  topbar.querySelectorAll('#open-charts, #open-view-list, #queue-button').forEach((b) => b.addEventListener('click', () => setMenu(false)));
  document.addEventListener('pointerdown', (e) => {
    if (e.target.closest('dialog')) return;
    if (menuOpen() && !topbar.contains(e.target)) setMenu(false);
    if (sideOpen() && !sidebar.contains(e.target) && !sideButton.contains(e.target)) setSide(false);
  });
  // Back to a wide screen (a rotated tablet): nothing stays folded open.
  PHONE.addEventListener('change', () => { setMenu(false); setSide(false); });

  // Closes the menu or the side column; true when one was open (Esc closes them before the panel).
  function closeOverlays() {
    const open = menuOpen() || sideOpen();
    if (menuOpen()) { setMenu(false); menuButton.focus(); }
    if (sideOpen()) { setSide(false); sideButton.focus(); }
    return open;
  }

  // The panel opened: on a phone nothing may cover the sheet.
  const panelShown = () => { if (PHONE.matches) { setMenu(false); setSide(false); } };

  // Padding for fitting the view to parcels: beside the 400 px panel on a desktop, above the bottom sheet
  // (at most 60 % of the map) on a phone.
  function fitPadding(edge = 80) {
    if (!PHONE.matches) return [edge, 420, edge, edge];
    const height = document.getElementById('map').clientHeight;
    return [Math.min(edge, 48), 24, Math.round(height * 0.6) + 16, 24];
  }

  return { closeOverlays, panelShown, fitPadding };
}
