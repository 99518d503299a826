// Typing, choosing and submitting in a rendered form, as a person would (events bubble,
// so Preact's handlers see them). Call inside inAct().
export function field<T extends HTMLElement = HTMLInputElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

export function type(root: ParentNode, selector: string, value: string): void {
  const input = field<HTMLInputElement | HTMLTextAreaElement>(root, selector);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

export function choose(root: ParentNode, selector: string, value: string): void {
  const select = field<HTMLSelectElement>(root, selector);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

export function submit(root: ParentNode, selector = 'form'): void {
  field<HTMLFormElement>(root, selector).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}
