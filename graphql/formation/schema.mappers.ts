import type { Formation, FormationAssignment } from "@/generated/prisma-sqlite/client";
import type { LazyPage } from "@/domain/paging/cursor";
import type { ScenarioAssignment } from "@/domain/formations/formation.service";

export type FormationMapper = Formation;
export type FormationPageMapper = LazyPage<Formation>;
export type FormationAssignmentMapper = FormationAssignment;
export type FormationAssignmentPageMapper = LazyPage<FormationAssignment>;
export type AutomaticScenarioAssignmentMapper = ScenarioAssignment;
export type AutomaticScenarioAssignmentPageMapper = LazyPage<ScenarioAssignment>;
export type AssignmentOperationPageMapper = LazyPage<never>;
