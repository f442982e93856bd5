import { runTable } from './rule-table';
import { allTables } from './tables';

describe('lint/rules: valid and invalid cases per rule', () => {
  for (const table of allTables) runTable(table);
});
