/**
 * GraphiQL marks each tab's <li> as role=tab while the button inside it takes the focus and the
 * clicks: a tab with focusable content (axe: nested-interactive), which a screen reader announces as a
 * tab it cannot reach. This moves the tab role and its selected state onto the button and leaves the
 * <li> presentational, and keeps doing so as GraphiQL adds, switches and closes tabs.
 */
export function moveTabRolesToButtons(root: HTMLElement): () => void {
  const fix = () => {
    for (const item of root.querySelectorAll<HTMLLIElement>('li.graphiql-tab')) {
      const button = item.querySelector<HTMLButtonElement>('.graphiql-tab-button');
      // Only when different: each change would wake the observer again.
      if (item.getAttribute('role') !== 'presentation') item.setAttribute('role', 'presentation');
      if (item.hasAttribute('aria-selected')) item.removeAttribute('aria-selected');
      if (!button) continue;
      const selected = item.classList.contains('graphiql-tab-active') ? 'true' : 'false';
      if (button.getAttribute('role') !== 'tab') button.setAttribute('role', 'tab');
      if (button.getAttribute('aria-selected') !== selected) button.setAttribute('aria-selected', selected);
    }
  };
  fix();
  const observer = new MutationObserver(fix);
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'aria-selected'] });
  return () => observer.disconnect();
}
