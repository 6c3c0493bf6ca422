import type { User } from "../../generated/prisma-sqlite/client";
import type { Principal } from "@/domain/principals/principal";

export type UserMapper = User;
export type ViewerMapper = Principal;
