import { describe, expect, it } from 'vitest';
import { isGuessablePassword } from './password-strength.js';

const context = ['margarethe.lindqvist@example.com', 'Maggie'];

describe('isGuessablePassword', () => {
  it.each(['password123', 'Password1!', 'qwertyuiop', 'iloveyou1', 'hunter22', '12345678', 'aaaaaaaaaaaa'])(
    'refuses the common password %s',
    (password) => {
      expect(isGuessablePassword(password, context)).toBe(true);
    },
  );

  it.each(['margarethe.lindqvist', 'Lindqvist1995!', 'maggie-airtalk', 'Airtalk2026!'])(
    'refuses %s, built from the user’s own words',
    (password) => {
      expect(isGuessablePassword(password, context)).toBe(true);
    },
  );

  it.each(['kettle-violet-orbit-91', 'correct horse battery staple', 'Tr0ub4dor&3xq', '我的密码是长江黄河泰山'])(
    'accepts the strong password %s',
    (password) => {
      expect(isGuessablePassword(password, context)).toBe(false);
    },
  );
});
