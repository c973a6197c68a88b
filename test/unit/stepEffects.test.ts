import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stepEffects, stepOutputs } from '../../server/src/service/document/stepEffects';
import { normalizePath } from '../../server/src/service/document/environment';
import { evaluateWord } from '../../server/src/service/shell/expansion';

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

describe('what a RUN step reads, builds and installs', () => {
  const effects = (script: string | string[], workdir: string | undefined = '/src') => stepEffects([script], workdir, none);

  test('dotnet builds read their project folder; the result is -o, or bin; obj (and bin beside -o) are intermediates', () => {
    const publish = effects('dotnet publish -c Release -o /app/publish');
    assert.deepEqual([publish.paths, publish.intermediates, publish.reads, publish.projects], [['/app/publish'], ['/src/bin', '/src/obj'], ['/src'], ['/src']]);
    const project = effects('dotnet publish src/Api/Api.csproj -a $TARGETARCH --no-restore');
    assert.deepEqual([project.paths, project.intermediates, project.projects, project.readsKnown], [['/src/src/Api/bin'], ['/src/src/Api/obj'], ['/src/src/Api'], true]);
    const restore = effects('dotnet restore');
    assert.deepEqual([restore.paths, restore.intermediates, restore.complete], [[], ['/src/obj'], true]);
  });

  test('cp, tar and unzip read their sources; a program we do not know reads its working directory', () => {
    assert.deepEqual(effects('cp config/app.json /etc/app.json && tar -xzf /opt/t.tgz -C /opt/t && unzip lib.zip -d lib').reads, ['/opt/t.tgz', '/src/config/app.json', '/src/lib.zip']);
    const unknown = effects('./configure --prefix=/usr');
    assert.deepEqual([unknown.reads, unknown.readsKnown, unknown.complete], [['/src'], true, false]);
    assert.deepEqual(effects('mkdir -p /data && echo hi > /data/x && curl -o /data/y https://x').reads, []);
    // Run from /, an unknown program reads what it names, not the whole tree.
    assert.deepEqual(effects('/opt/tool/run --init', '/').reads, ['/opt/tool/run']);
    assert.equal(stepEffects(['./configure'], undefined, none).readsKnown, false);
  });

  test('package installs: the packages, and whether the step does nothing else', () => {
    const apt = effects('apt-get update && apt-get install -y --no-install-recommends curl=7.* ca-certificates && rm -rf /var/lib/apt/lists/*');
    assert.deepEqual([apt.packages, apt.onlyPackageManagement, apt.complete], [['curl', 'ca-certificates'], true, false]);
    assert.deepEqual(effects('apk add --no-cache icu-libs').packages, ['icu-libs']);
    assert.deepEqual(effects(['tdnf', 'install', '-y', 'icu']).packages, ['icu']);
    const mixed = effects('apt-get install -y curl && curl -o /x https://x');
    assert.deepEqual([mixed.packages, mixed.onlyPackageManagement], [['curl'], false]);
    assert.deepEqual(effects('mkdir /x').packages, []);
  });

  test('an exec-form shell script is read as that script', () => {
    assert.deepEqual(effects(['/bin/sh', '-c', 'mkdir -p /app/data && touch /app/data/x']).paths, ['/app/data']);
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
