import { ObjectNotFound } from "@/components/console/object-not-found";

export default function NotFound() {
  return <ObjectNotFound what="Integration system" backHref="/integration-systems" backLabel="Back to integration systems" />;
}
