// Typing, choosing and submitting in a rendered form, as a person would (events bubble,
// so Preact's handlers see them). Call inside inAct().
function field(root: ParentNode, selector: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

export function type(root: ParentNode, selector: string, value: string): void {
  const input = field(root, selector) as HTMLInputElement | HTMLTextAreaElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

export function choose(root: ParentNode, selector: string, value: string): void {
  const select = field(root, selector) as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

export function submit(root: ParentNode, selector = 'form'): void {
  field(root, selector).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}
