/** The full privacy policy in a sheet, read without leaving the form that asks for acceptance. */
import type { PolicyView } from '@airtalk/contracts';
import type { ReactNode } from 'react';
import { Sheet } from '../../components';
import { PolicyDocument } from './PolicyDocument';

interface PolicySheetProps {
  policy: PolicyView;
  open: boolean;
  onClose: () => void;
  footer?: ReactNode;
}

export function PolicySheet({ policy, open, onClose, footer }: PolicySheetProps) {
  return (
    <Sheet open={open} onClose={onClose} title={policy.title} footer={footer} size="lg">
      <PolicyDocument policy={policy} showTitle={false} sectionLevel={3} />
    </Sheet>
  );
}
