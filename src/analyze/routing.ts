import type { Analyzer } from './types.js';

export const analyzeRouting: Analyzer = () => [];
