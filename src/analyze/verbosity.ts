import type { Analyzer } from './types.js';

export const analyzeVerbosity: Analyzer = () => [];
