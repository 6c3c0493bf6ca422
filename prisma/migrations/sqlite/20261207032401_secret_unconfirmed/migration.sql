-- A plain ADD COLUMN: SQLite allows it with a constant default, so the table is not copied.
ALTER TABLE "SystemAuth" ADD COLUMN "secretUnconfirmed" BOOLEAN NOT NULL DEFAULT false;
