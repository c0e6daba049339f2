// Allure Report 3 configuration for `npm run report` (reads reports/allure-results).
import { defineConfig } from 'allure';

export default defineConfig({
  name: 'Run:ai Users API 2.24 conformance',
  output: './reports/allure-report',
  historyPath: './reports/allure-history.jsonl',
  plugins: {
    awesome: {
      options: {
        reportName: 'Run:ai Users API 2.24 conformance',
        singleFile: false,
        groupBy: ['feature', 'story'],
      },
    },
  },
});
