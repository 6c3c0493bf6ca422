/**
 * `instanceof` that holds across copies of one module. Next loads its own
 * bundled copies of modules beside the plain ones (lib/process-slots.ts says
 * why), and the instance, shared through the process's one slot, carries
 * objects built by whichever copy made it. An error thrown inside the
 * instance's authorization server by one copy is caught by a route bundle's
 * copy of the endpoint: without this, its `instanceof OAuthError` is false and
 * a wrong client secret answers 500 instead of `invalid_client`.
 *
 * The class gets a brand from the process-wide symbol registry, and
 * `instanceof` asks for the brand instead of the prototype chain. Only for
 * classes without subclasses: a subclass would inherit the check.
 */
export function recognisedAcrossCopies(errorClass: abstract new (...args: never[]) => object, name: string): void {
  const brand = Symbol.for(`compass.class.${name}`);
  Object.defineProperty(errorClass.prototype, brand, { value: true });
  Object.defineProperty(errorClass, Symbol.hasInstance, {
    value: (value: unknown) => typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true,
  });
}
