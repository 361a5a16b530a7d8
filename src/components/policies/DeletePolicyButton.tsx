'use client';

import { ConfirmButton } from '../ui/ConfirmButton';
import { deviceCountText, KIND_NOUN, type PolicyKind } from './policy-text';

/** Delete, after a confirmation naming the policy; the server's refusal (devices still use it) shows in the dialog. */
export function DeletePolicyButton({
  kind,
  policy,
  onDelete,
  className,
}: {
  kind: PolicyKind;
  policy: { name: string; endpointCount: number };
  onDelete: () => Promise<unknown>;
  className?: string;
}) {
  const noun = KIND_NOUN[kind];
  return (
    <ConfirmButton
      label="Delete"
      className={className}
      accessibleLabel={`Delete ${noun} ${policy.name}`}
      title={`Delete ${noun} ${policy.name}?`}
      confirmLabel={`Delete ${noun}`}
      onConfirm={onDelete}
    >
      <p>
        The {noun} {policy.name} is deleted for good.{' '}
        {policy.endpointCount > 0
          ? `It is used by ${deviceCountText(policy.endpointCount)}: give them another one first.`
          : 'No device uses it.'}
      </p>
    </ConfirmButton>
  );
}
