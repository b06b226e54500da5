// govuk-frontend ships no type declarations; these cover what the portal uses.
declare module 'govuk-frontend' {
  type ComponentClass = new (root: Element, config?: unknown) => unknown;
  export const Button: ComponentClass;
  export const ExitThisPage: ComponentClass;
  export const CharacterCount: ComponentClass;
  export const ErrorSummary: ComponentClass;
  export const NotificationBanner: ComponentClass;
  export const SkipLink: ComponentClass;
  /** Starts every instance of a component found on the page. */
  export function createAll(component: ComponentClass, config?: unknown, scope?: Element | Document): unknown[];
}
