// Keyboard use of the map page: Esc closes what is open on top (the phone's menu or side column, then the parcel
// panel), and the focus follows a parcel opened from a list that closes (into the panel) and a panel that closes (back
// to where it was before). Dialogs close on Esc themselves.

// closeOverlays(): closes the phone's menu or side column, true when one was open. closePanel(): closes the panel
// (select(null), which asks before an unsaved outline edit is dropped; the panel then stays open).
export function keyboardControls({ panel, closeOverlays, closePanel }) {
  // The panel takes the focus without being a Tab stop itself.
  panel.tabIndex = -1;
  // Where the focus was last outside the panel (and the dialogs): it goes back there when the panel closes under it.
  let outside = null;
  document.addEventListener('focusin', (e) => { if (!panel.contains(e.target) && !e.target.closest('dialog')) outside = e.target; });

  document.addEventListener('keydown', async (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
    if (closeOverlays()) { e.preventDefault(); return; }
    // Esc in a field (the search box, a review comment) is the field's: it clears or leaves the text, not the panel.
    if (panel.hidden || e.target.closest?.('input, textarea, select')) return;
    e.preventDefault();
    const hadFocus = panel.contains(document.activeElement);
    await closePanel();
    if (panel.hidden && hadFocus && outside?.isConnected) outside.focus();
  });

  // A parcel chosen from a list that goes away (the view list) is read next: the focus moves into its panel.
  const focusPanel = () => { if (!panel.hidden) panel.focus(); };
  return { focusPanel };
}
