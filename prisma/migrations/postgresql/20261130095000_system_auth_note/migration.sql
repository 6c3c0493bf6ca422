-- AlterTable
ALTER TABLE "SystemAuth" ADD COLUMN     "note" TEXT;

