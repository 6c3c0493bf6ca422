-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN "scopes" TEXT;

