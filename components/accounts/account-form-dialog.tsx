"use client";
// The Connect (or Edit) form in a dialog: the Applications page and the designer's account picker open the same one.
import { Dialog } from "../ui/dialog";
import { AccountForm } from "./account-form";
import type { Account, ConnectorWithAuth } from "./account-types";

export function AccountFormDialog({
  connector,
  account,
  takenNames,
  onSaved,
  onClose,
}: {
  connector: ConnectorWithAuth;
  account?: Account;
  takenNames?: readonly string[];
  onSaved: (account: Account) => void;
  onClose: () => void;
}) {
  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title={account ? `Edit ${account.name}` : `Connect to ${connector.name}`}
      testId="account-dialog"
    >
      <AccountForm
        connector={connector}
        account={account}
        takenNames={takenNames}
        onSaved={onSaved}
        onCancel={onClose}
      />
    </Dialog>
  );
}
