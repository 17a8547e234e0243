import { describe, expect, it } from 'vitest';
import { sideAsked, sideJudged, stanceClaim } from '../../../src/core/argument/stance.js';

describe('the side the author takes', () => {
  it('reads what a sentence asks for: for, against, turned round by a negation, or nothing', () => {
    expect(sideAsked('I am asking legislators to vote for SB 214 when it reaches the Senate floor.')).toBe(1);
    expect(sideAsked('Tessaline should scrap the five-day mandate and let teams set a hybrid schedule.')).toBe(-1);
    expect(sideAsked('The board should not keep the late sailings.')).toBe(-1);
    expect(sideAsked('This newspaper opposes the sale.')).toBe(-1);
    // A report asks for nothing; nor does a request for something neither for nor against.
    expect(sideAsked('Hospitals spend heavily on travel nurses.')).toBe(0);
    expect(sideAsked('The council should sell the utility.')).toBe(0);
  });

  it('reads the side a sentence that asks for nothing takes from its sentiment words, a negation turning one round', () => {
    expect(sideJudged('They offer a strong rebuttal and a new vision of shared development.')).toBe(1);
    expect(sideJudged('The plan is a reckless and costly mistake.')).toBe(-1);
    expect(sideJudged('The plan is not a good one, and not fair.')).toBe(-1);
    expect(sideJudged('The council met on Tuesday.')).toBe(0);
  });

  it('reads the side a claim says the author takes, and what on', () => {
    expect(stanceClaim('the author opposes SB 214')).toEqual({ side: -1, topic: 'SB 214', action: false });
    expect(stanceClaim('the columnist is in favour of the ban')).toEqual({ side: 1, topic: 'the ban', action: false });
    expect(stanceClaim('the columnist thinks Tessaline should keep its mandate')).toEqual({
      side: 1,
      topic: 'Tessaline should keep its mandate',
      action: true,
    });
    // A claim about what the article reports takes no side.
    expect(stanceClaim('the author says that prices rose')).toBeUndefined();
  });
});
