import { toIdentity } from "@/domain/users/user.service";
import type { UserResolvers } from "../../types.generated";

export const User: UserResolvers = {
  role: (user) => toIdentity(user).role,
};
