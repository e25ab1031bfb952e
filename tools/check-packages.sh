#!/usr/bin/env bash
# Packs Perceptor.Audio, Perceptor.Quality and the `perceptor` .NET tool, installs the tool into a temporary folder
# and scores a shared VoiceBank pair with it, then builds samples/QualitySample against the packed Quality package
# and checks that it prints the same score. Run from anywhere; CI runs it after the tests (.ci/run).
# Test data: PERCEPTOR_TEST_DATA, else ../shared/data beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${PERCEPTOR_TEST_DATA:-../shared/data}"
reference="$data/voicebank-samples/clean/p232_005.wav"
degraded="$data/voicebank-samples/noisy/p232_005.wav"
for f in "$reference" "$degraded"; do
  [[ -f "$f" ]] || { echo "check-packages: $f: test data not found (set PERCEPTOR_TEST_DATA)" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
packages="$work/packages"
version="$(dotnet msbuild src/Perceptor.Quality/Perceptor.Quality.csproj -getProperty:Version)"
echo "check-packages: packing version $version"
for project in src/Perceptor.Audio src/Perceptor.Quality src/Perceptor.Cli; do
  dotnet pack "$project" -c Release -o "$packages" --nologo -v quiet
done
ls -l "$packages"

# The tool: installed from the packed folder only (a cleared source list, a private package cache), so neither a
# package of the same name elsewhere nor an earlier pack of the same version can stand in for this one.
cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="packed" value="$packages" />
  </packageSources>
</configuration>
CONFIG
NUGET_PACKAGES="$work/cache" dotnet tool install perceptor --version "$version" --tool-path "$work/tool" \
  --configfile "$work/nuget.config"
installed="$("$work/tool/perceptor" --version)"
echo "check-packages: perceptor --version: $installed"
[[ "$installed" == "$version"* ]] || { echo "check-packages: expected version $version" >&2; exit 1; }
tool_score="$("$work/tool/perceptor" pesq "$reference" "$degraded")"
echo "check-packages: perceptor pesq: $tool_score"

# The sample: restored from the configured feed plus the packed folder, into a private cache for the same reason.
NUGET_PACKAGES="$work/cache" dotnet build samples/QualitySample -c Release --nologo -v quiet \
  -p:PerceptorVersion="$version" -p:RestoreAdditionalProjectSources="$packages"
sample_score="$(NUGET_PACKAGES="$work/cache" dotnet run --project samples/QualitySample -c Release --no-build \
  -p:PerceptorVersion="$version" -- "$reference" "$degraded")"
echo "check-packages: QualitySample: $sample_score"
[[ "$tool_score" == "$sample_score" ]] || { echo "check-packages: the tool and the sample disagree" >&2; exit 1; }

# Both agree with the published value for this file (pesq_wb of published_metrics.csv, 6 decimals) within 0.001.
published="$(awk -F, '$1 == "p232_005.wav" || $1 == "p232_005" { print $2 }' "$data/voicebank-samples/published_metrics.csv")"
awk -v a="$tool_score" -v b="$published" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(b != "" && d <= 0.001) }' ||
  { echo "check-packages: $tool_score is not within 0.001 of the published $published" >&2; exit 1; }
echo "check-packages: ok (published $published)"
