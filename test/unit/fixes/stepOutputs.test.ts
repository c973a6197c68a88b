import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stepOutputs } from '../../../server/src/service/fixes/stepOutputs';
import { normalizePath } from '../../../server/src/service/document/environment';
import { evaluateWord } from '../../../server/src/service/shell/expansion';

const none = new Map<string, string>();
const outputs = (script: string | string[], workdir: string | undefined = '/app', variables = none) => stepOutputs([script], workdir, variables);

describe('what a RUN step writes', () => {
  test('mkdir, touch, redirections, relative to the WORKDIR; outermost paths only', () => {
    assert.deepEqual(outputs('mkdir -p /a/b && touch /a/b/c /a/b/d/e'), { paths: ['/a/b'], complete: true });
    assert.deepEqual(outputs('mkdir -p data/cache && touch data/.keep /srv/x && echo hi > ./note.txt 2>&1'), {
      paths: ['/app/data/.keep', '/app/data/cache', '/app/note.txt', '/srv/x'],
      complete: true,
    });
  });

  test('download and unpack: curl -o, wget -O, tar -C, unzip -d; temporary files and removed files drop out', () => {
    assert.deepEqual(outputs('curl -fsSL -o /tmp/t.tgz https://x/t.tgz && mkdir /opt/t && tar -xzf /tmp/t.tgz -C /opt/t && rm /tmp/t.tgz'), { paths: ['/opt/t'], complete: true });
    assert.deepEqual(outputs('wget -q -O tool.zip https://x/tool.zip && unzip tool.zip -d tools && rm tool.zip'), { paths: ['/app/tools'], complete: true });
    assert.deepEqual(outputs('curl --output=/bin/x https://x && chmod +x /bin/x'), { paths: ['/bin/x'], complete: true });
  });

  test('dotnet publish -o, dotnet tool install --tool-path, git clone, cp, mv', () => {
    assert.deepEqual(outputs('dotnet publish -c Release -o out && dotnet tool install --tool-path /tools dotnet-trace'), { paths: ['/app/out', '/tools'], complete: true });
    assert.deepEqual(outputs('git clone https://github.com/a/b.git && cp b/x.json /etc/x.json'), { paths: ['/app/b', '/etc/x.json'], complete: true });
  });

  test('cd moves the working directory for the rest of the step only', () => {
    assert.deepEqual(stepOutputs(['mkdir /w && cd /w && touch a', 'touch b'], '/app', none), { paths: ['/app/b', '/w'], complete: true });
  });

  test('variables known from ENV/ARG resolve; unknown ones, globs and command substitution make it incomplete', () => {
    assert.deepEqual(outputs('mkdir -p "$DATA/cache"', '/', new Map([['DATA', '/data']])), { paths: ['/data/cache'], complete: true });
    assert.deepEqual(outputs('mkdir -p $UNKNOWN/x'), { paths: [], complete: false });
    assert.deepEqual(outputs('touch /app/*.log'), { paths: [], complete: false });
    assert.deepEqual(outputs('mkdir /x && touch "$(date)"'), { paths: ['/x'], complete: false });
  });

  test('commands whose effects cannot be read: package managers, scripts, removing what the image had', () => {
    assert.equal(outputs('apt-get update && apt-get install -y curl').complete, false);
    assert.equal(outputs('./configure --prefix=/usr').complete, false);
    assert.equal(outputs('rm -rf /usr/share/doc').complete, false);
    assert.equal(outputs('wget https://x/y').complete, false);
  });

  test('commands that write nothing, and exec form', () => {
    assert.deepEqual(outputs('echo "$(uname -a)" && ls -la /app; true'), { paths: [], complete: true });
    assert.deepEqual(outputs(['mkdir', '-p', '/app/a b']), { paths: ['/app/a b'], complete: true });
  });

  test('an unknown WORKDIR makes relative paths unknown', () => {
    assert.deepEqual(stepOutputs(['mkdir data && mkdir /abs'], undefined, none), { paths: ['/abs'], complete: false });
  });
});

describe('ENV/ARG values as BuildKit reads them', () => {
  const lookup = (name: string): string | undefined => ({ A: 'a', EMPTY: '' })[name];
  test('quotes, the escape character, and expansions', () => {
    assert.equal(evaluateWord(`"x y"'$A'\\ z`, '\\', lookup), 'x y$A z');
    assert.equal(evaluateWord('"$A-${A}" ${EMPTY:-d} ${A:+set} ${A-u}', '\\', lookup), 'a-a d set a');
    assert.equal(evaluateWord('a`"b', '`', lookup), 'a"b');
    assert.equal(evaluateWord('$/x', '\\', lookup), '$/x');
  });
  test('unknown variables and forms we do not read give undefined', () => {
    assert.equal(evaluateWord('$NOPE', '\\', lookup), undefined);
    assert.equal(evaluateWord('${A%%x}', '\\', lookup), undefined);
    assert.equal(evaluateWord('"open', '\\', lookup), undefined);
  });
  test('paths normalise', () => {
    assert.equal(normalizePath('/app/./x/../y/'), '/app/y');
    assert.equal(normalizePath('/..'), '/');
  });
});
