// "Did you mean": equal distances are ordered as documented (the shorter tag first), whatever path each sum took.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCatalogIndex } from '../../server/src/service/catalog/catalogIndex';
import { nearestTags } from '../../server/src/service/catalog/nearestTags';
import { realCatalog, TODAY } from '../helpers/service';

test('two tags at the same distance: the shorter first, not whichever rounding favoured', () => {
  const base = realCatalog().catalog;
  const model = base.tags.find((t) => t.repository === 'dotnet/aspnet' && t.documented && t.tag.startsWith('10.0'))!;
  // Both are one dropped part and three case changes away from the query: the part dropped last in one, in the
  // middle in the other, so in fractions the two sums came out a rounding apart.
  const tags = ['10.0-noble-composite', '10.0-noble-extra'].map((tag) => ({ ...model, tag }));
  const catalog = createCatalogIndex({ ...base, tags });
  assert.deepEqual(nearestTags(catalog, 'dotnet/aspnet', '10.0-NOBLE-COMPOSITE-EXTRA', TODAY), ['10.0-noble-extra', '10.0-noble-composite']);
  // With a real difference, the nearer one wins whatever its length.
  assert.deepEqual(nearestTags(catalog, 'dotnet/aspnet', '10.0-noble-composit', TODAY)[0], '10.0-noble-composite');
});
