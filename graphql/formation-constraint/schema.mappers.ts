import type { FormationConstraint } from "@/generated/prisma-sqlite/client";

export type FormationConstraintMapper = FormationConstraint;
