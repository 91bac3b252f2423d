/** The email input every account form uses: the keyboard, autofill and spelling settings an address needs. */
import type { ComponentProps } from 'react';
import { TextField } from '../../components';

type EmailFieldProps = Omit<ComponentProps<typeof TextField>, 'type' | 'inputMode' | 'autoCapitalize' | 'spellCheck'>;

export function EmailField(props: EmailFieldProps) {
  return (
    <TextField
      name="email"
      autoComplete="email"
      required
      {...props}
      type="email"
      inputMode="email"
      autoCapitalize="none"
      spellCheck={false}
    />
  );
}
