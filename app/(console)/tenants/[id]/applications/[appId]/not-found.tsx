import { ObjectNotFound } from "@/components/console/object-not-found";

export default function NotFound() {
  return <ObjectNotFound what="Application" backHref="/tenants" backLabel="Back to tenants" />;
}
