import * as accounts from "../../services/accounts.service";
import { buildProcedure, readProcedure, router } from "../trpc";
import {
  accountIdInput,
  createAccountInput,
  listAccountsInput,
  renameAccountInput,
  updateAccountInput,
} from "./accounts.schema";

export const accountsRouter = router({
  list: readProcedure.input(listAccountsInput).query(({ ctx, input }) => accounts.listAccounts(ctx, input)),
  get: readProcedure.input(accountIdInput).query(({ ctx, input }) => accounts.getAccount(ctx, input.id)),
  create: buildProcedure.input(createAccountInput).mutation(({ ctx, input }) => accounts.createAccount(ctx, input)),
  update: buildProcedure.input(updateAccountInput).mutation(({ ctx, input }) => accounts.updateAccount(ctx, input)),
  rename: buildProcedure
    .input(renameAccountInput)
    .mutation(({ ctx, input }) => accounts.renameAccount(ctx, input.id, input.name)),
  test: buildProcedure.input(accountIdInput).mutation(({ ctx, input }) => accounts.testAccount(ctx, input.id)),
  delete: buildProcedure.input(accountIdInput).mutation(({ ctx, input }) => accounts.deleteAccount(ctx, input.id)),
});
