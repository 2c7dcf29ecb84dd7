import * as accounts from "../../services/accounts.service";
import { procedure, router } from "../trpc";
import {
  accountIdInput,
  createAccountInput,
  listAccountsInput,
  renameAccountInput,
  updateAccountInput,
} from "./accounts.schema";

export const accountsRouter = router({
  list: procedure.input(listAccountsInput).query(({ ctx, input }) => accounts.listAccounts(ctx, input)),
  get: procedure.input(accountIdInput).query(({ ctx, input }) => accounts.getAccount(ctx, input.id)),
  create: procedure.input(createAccountInput).mutation(({ ctx, input }) => accounts.createAccount(ctx, input)),
  update: procedure.input(updateAccountInput).mutation(({ ctx, input }) => accounts.updateAccount(ctx, input)),
  rename: procedure
    .input(renameAccountInput)
    .mutation(({ ctx, input }) => accounts.renameAccount(ctx, input.id, input.name)),
  test: procedure.input(accountIdInput).mutation(({ ctx, input }) => accounts.testAccount(ctx, input.id)),
  delete: procedure.input(accountIdInput).mutation(({ ctx, input }) => accounts.deleteAccount(ctx, input.id)),
});
