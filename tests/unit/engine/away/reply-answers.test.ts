// A written reply to a question's message: one line per question, in order; an option's number
// (several for a multiple-choice one) picks it, anything else is the person's own words.
import { describe, expect, it } from 'vitest';
import { replyAnswers } from '../../../../src/main/engine/away/away-decisions';
import type { Approval } from '../../../../src/shared/domain';

function asking(questions: NonNullable<Approval['questions']>): Approval {
  return { kind: 'question', questions } as Approval;
}

const colour = {
  question: 'Colour?',
  header: 'Colour',
  multiSelect: false,
  options: [
    { label: 'Blue', description: '' },
    { label: 'Green', description: '' },
  ],
};
const sizes = {
  question: 'Sizes?',
  header: 'Sizes',
  multiSelect: true,
  options: [
    { label: 'Small', description: '' },
    { label: 'Medium', description: '' },
    { label: 'Large', description: '' },
  ],
};

describe('replyAnswers', () => {
  it('takes a single question’s whole reply, an option’s number as that option', () => {
    expect(replyAnswers(asking([colour]), '2')).toEqual({ 'Colour?': 'Green' });
    expect(replyAnswers(asking([colour]), 'Teal, like\nthe sea')).toEqual({
      'Colour?': 'Teal, like\nthe sea',
    });
    // Two numbers for a single choice are the person's own words, not two options.
    expect(replyAnswers(asking([colour]), '1,2')).toEqual({ 'Colour?': '1,2' });
    expect(replyAnswers(asking([colour]), '7')).toEqual({ 'Colour?': '7' });
  });

  it('needs one line per question, in order, and picks several options where allowed', () => {
    expect(replyAnswers(asking([colour, sizes]), '1\n1, 3')).toEqual({
      'Colour?': 'Blue',
      'Sizes?': 'Small, Large',
    });
    expect(replyAnswers(asking([colour, sizes]), 'Green')).toMatch(/each of the 2 questions/);
    expect(replyAnswers({ kind: 'tool' } as Approval, 'yes')).toMatch(/no written answer/);
  });
});
