import { describe, expect, it } from 'vitest';
import { foldListFields, listFieldProblem } from './profileErrors';

const quote = (problem: { field: string; index: number }, message: string) =>
  `${problem.field}[${problem.index}]: ${message}`;

describe('listFieldProblem', () => {
  it('reads a list item’s field name', () => {
    expect(listFieldProblem('interests.2')).toEqual({ field: 'interests', index: 2 });
    expect(listFieldProblem('languages.0')).toEqual({ field: 'languages', index: 0 });
  });

  it('ignores other names', () => {
    expect(listFieldProblem('interests')).toBeNull();
    expect(listFieldProblem('bio')).toBeNull();
    expect(listFieldProblem('interests.x')).toBeNull();
    expect(listFieldProblem('nickname.2')).toBeNull();
  });
});

describe('foldListFields', () => {
  it('keeps plain fields and folds list items into their list', () => {
    expect(foldListFields({ bio: 'No phones', 'interests.3': 'No WeChat' }, quote)).toEqual({
      fields: { bio: 'No phones', interests: 'interests[3]: No WeChat' },
      badInterests: [3],
    });
  });

  it('shows the first problem of a list and marks every bad interest', () => {
    expect(foldListFields({ 'interests.1': 'A', 'interests.4': 'B', 'languages.0': 'C' }, quote)).toEqual({
      fields: { interests: 'interests[1]: A', languages: 'languages[0]: C' },
      badInterests: [1, 4],
    });
  });

  it('keeps a message the server gave for the whole list', () => {
    expect(foldListFields({ interests: 'Too many', 'interests.0': 'Too long' }, quote)).toEqual({
      fields: { interests: 'Too many' },
      badInterests: [0],
    });
  });
});
