/** The label Compass reads a runtime's eventing URL from (eventing/service.go, RuntimeEventingURLLabel). */
export const EVENTING_URL_LABEL = "runtime_eventServiceUrl";

/**
 * `Runtime.eventingConfiguration`, from the runtime's labels as Compass
 * derives it: the label's value when it is a string, else "" (Compass's
 * EmptyEventingURL). Compass fails the field on a value that is not a string;
 * here any label value is allowed, so such a runtime answers "" rather than an error.
 */
export function eventingConfigurationOf(labels: Record<string, unknown>): { defaultURL: string } {
  const url = labels[EVENTING_URL_LABEL];
  return { defaultURL: typeof url === "string" ? url : "" };
}
