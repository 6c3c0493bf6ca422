-- AlterTable
ALTER TABLE "SystemAuth" ADD COLUMN     "secretUnconfirmed" BOOLEAN NOT NULL DEFAULT false;

