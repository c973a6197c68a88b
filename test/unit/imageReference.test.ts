import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseImageReference, imageName } from '../../server/src/service/images/imageReference';

/** Parses the reference between the markers of `line` and returns the text each part covers in `line`. */
function parts(source: string, args: Record<string, string> = {}) {
  const start = source.indexOf('|');
  const end = source.indexOf('|', start + 1);
  const line = source.replace(/\|/g, '');
  const raw = line.slice(start, end - 1);
  const ref = parseImageReference(raw, start, (name) => args[name]);
  const at = (p: { span: { start: number; end: number } } | undefined) => (p ? line.slice(p.span.start, p.span.end) : undefined);
  return { ref, registry: at(ref.registry), repository: at(ref.repository), tag: at(ref.tag), digest: at(ref.digest) };
}

describe('image references', () => {
  test('registry, repository, tag and digest each with their span', () => {
    const p = parts('FROM |mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled@sha256:abc| AS final');
    assert.equal(p.registry, 'mcr.microsoft.com');
    assert.equal(p.repository, 'dotnet/aspnet');
    assert.equal(p.tag, '10.0-noble-chiseled');
    assert.equal(p.digest, 'sha256:abc');
    assert.equal(imageName(p.ref), 'mcr.microsoft.com/dotnet/aspnet');
  });

  test('Docker Hub names have no registry; a port is part of the registry, not a tag', () => {
    const hub = parts('FROM |microsoft/dotnet:2.1-sdk|');
    assert.equal(hub.registry, undefined);
    assert.equal(hub.repository, 'microsoft/dotnet');
    assert.equal(hub.tag, '2.1-sdk');
    const local = parts('FROM |localhost:5000/dotnet/sdk|');
    assert.equal(local.registry, 'localhost:5000');
    assert.equal(local.repository, 'dotnet/sdk');
    assert.equal(local.tag, undefined);
  });

  test('${ARG} and $ARG resolve from defaults, and parts map back onto the variable', () => {
    const p = parts('FROM |mcr.microsoft.com/dotnet/sdk:${VERSION}-noble|', { VERSION: '10.0' });
    assert.equal(p.ref.text, 'mcr.microsoft.com/dotnet/sdk:10.0-noble');
    assert.equal(p.ref.resolved, true);
    assert.equal(p.tag, '${VERSION}-noble');
    assert.equal(p.ref.tag?.text, '10.0-noble');
    const whole = parts('FROM |$IMAGE|', { IMAGE: 'mcr.microsoft.com/dotnet/runtime:9.0' });
    assert.equal(whole.ref.tag?.text, '9.0');
    assert.equal(whole.tag, '$IMAGE');
  });

  test('defaults with :- and unknown variables', () => {
    const p = parts('FROM |mcr.microsoft.com/dotnet/aspnet:${TAG:-10.0}|');
    assert.equal(p.ref.tag?.text, '10.0');
    const unknown = parts('FROM |mcr.microsoft.com/dotnet/aspnet:$TAG|');
    assert.equal(unknown.ref.resolved, false);
    assert.deepEqual(unknown.ref.variables.map((v) => [v.name, v.value]), [['TAG', undefined]]);
  });

  test('odd input never throws', () => {
    for (const raw of ['', ':', '@', '/', ':tag', 'a:b:c', '${', '$', 'x@y@z', '::::']) {
      const ref = parseImageReference(raw, 0);
      assert.ok(ref.repository.span.start >= 0 && ref.repository.span.end <= raw.length);
    }
  });
});
