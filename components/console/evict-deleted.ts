import type { ApolloCache, StoreObject } from "@apollo/client";

/**
 * A delete mutation's cache update: the object it answers with leaves the
 * cache, identified by the `__typename` Apollo adds to every answer (for an
 * interface, the concrete type's), and `gc` drops what only it held.
 */
export function evictDeleted<TData>(deleted: (data: TData) => StoreObject) {
  return (cache: ApolloCache, { data }: { data?: TData | null }) => {
    if (!data) return;
    cache.evict({ id: cache.identify(deleted(data)) });
    cache.gc();
  };
}
