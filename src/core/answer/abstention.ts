/**
 * Whether the article covers a question: a logistic model over a handful of features of the
 * question and its best candidates, fitted on questions written by other people — each article's
 * own questions against questions from other articles — with articles held out
 * (`npm run calibrate`, weights in `abstention-model.json`).
 */
import model from './abstention-model.json' with { type: 'json' };
import type { LinearModel } from './ranking.js';
import { linearScore } from './ranking.js';

/** The names of the features, in the order of the model's weights. */
export const ABSTENTION_FEATURES = [
  'coverage', // share of the question's weight the best sentence matches
  'paragraphCoverage', // share its paragraph matches
  'articleCoverage', // share the whole article (or library scope) matches
  'missingNames', // share of the question's weight in names, places and numbers the article lacks
  'rankScore', // the ranking model's score of the best sentence
  'relativeScore', // the best sentence's BM25 score over the question's own weight
  'terms', // log of the number of the question's content words
  'related', // share of the question's weight the best sentence matches only through related words
] as const;

/** A logistic model with the probability below which Pilcrow says the article does not cover it. */
export interface AbstentionModel extends LinearModel {
  threshold: number;
}

/** The committed abstention model. */
export const ABSTENTION_MODEL: AbstentionModel = model;

/** Probability, by the model, that the article answers a question with these features. */
export function coveredProbability(m: Pick<LinearModel, 'weights' | 'bias'>, features: readonly number[]): number {
  return sigmoid(linearScore(m, features));
}

/** The logistic function. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
