import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findRegions, REGIONS, regionPlace } from '../../../src/api/regions';

test('a region is found by its city or country, not only its code', () => {
  assert.deepEqual(findRegions('singapore'), ['ap-southeast-3']);
  assert.deepEqual(findRegions('Hong Kong'), ['ap-southeast-1']);
  assert.deepEqual(findRegions('mexico'), ['la-north-2']);
  assert.deepEqual(findRegions('cn-north-4'), ['cn-north-4']);
  assert.ok(findRegions('china').length >= 5);
  assert.deepEqual(findRegions('xx-nowhere-9'), []);
});

test('words of the display language find a region too', () => {
  const chinese = (region: string) => (region === 'ap-southeast-3' ? '亚太-新加坡 新加坡' : '');
  assert.deepEqual(findRegions('新加坡', chinese), ['ap-southeast-3']);
});

test('every region has a name and a country', () => {
  for (const region of REGIONS) assert.ok(regionPlace(region)?.name && regionPlace(region)?.country, region);
});
