import type { User } from "@/generated/prisma-sqlite/client";
import type { Principal } from "@/domain/principals/principal";
import type { ActiveSession } from "@/domain/users/session.service";
import type { PasswordLink } from "@/domain/users/user.service";
import type { LazyPage } from "@/domain/paging/cursor";

export type UserMapper = User;
export type UserPageMapper = LazyPage<User>;
export type ViewerMapper = Principal;
export type UserSessionMapper = ActiveSession;
export type PasswordLinkMapper = PasswordLink;
