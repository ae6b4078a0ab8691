import { parseMountinfo, subPathMounts } from '../../../lib/configmap/mountinfo.util.js';

// Recorded from a pod (container runtime containerd): one ConfigMap volume mounted whole at
// /etc/dflag, and two keys of another ConfigMap mounted with subPath into /etc/app.
const POD = '/var/lib/kubelet/pods/0d5c7a9e-1c1e-4c3e-9d5b-2f0f6a1e3b7c';
const MOUNTINFO = [
  '1012 954 0:310 / / rw,relatime master:301 - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w',
  '1013 1012 0:312 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw',
  `1020 1012 259:1 ${POD}/volumes/kubernetes.io~configmap/dflag /etc/dflag ro,relatime - ext4 /dev/nvme0n1p1 rw`,
  `1021 1012 259:1 ${POD}/volume-subpaths/app-config/web/0 /etc/app/rate_limit ro,relatime - ext4 /dev/nvme0n1p1 rw`,
  `1022 1012 259:1 ${POD}/volume-subpaths/app-config/web/1 /etc/app/mode ro,relatime - ext4 /dev/nvme0n1p1 rw`,
  `1023 1012 259:1 ${POD}/volume-subpaths/other/web/0 /etc/app/nested/deep ro,relatime - ext4 /dev/nvme0n1p1 rw`,
  `1024 1012 259:1 ${POD}/volumes/kubernetes.io~configmap/whole/sub /etc/part ro,relatime - ext4 /dev/nvme0n1p1 rw`,
  `1025 1012 259:1 ${POD}/volume-subpaths/spaced/web/0 /etc/with\\040space/key ro - ext4 /dev/nvme0n1p1 rw`,
  '',
].join('\n');

describe('subPathMounts', () => {
  it('finds the keys bind-mounted with subPath into the directory', () => {
    expect(subPathMounts(MOUNTINFO, '/etc/app')).toEqual(['/etc/app/rate_limit', '/etc/app/mode']);
  });

  it('finds a directory that is itself a subdirectory of a volume', () => {
    expect(subPathMounts(MOUNTINFO, '/etc/part')).toEqual(['/etc/part']);
  });

  it('does not take a whole volume for a subPath', () => {
    expect(subPathMounts(MOUNTINFO, '/etc/dflag')).toEqual([]);
  });

  it('ignores mounts deeper than a file of the directory, and unrelated directories', () => {
    expect(subPathMounts(MOUNTINFO, '/etc/with')).toEqual([]);
    expect(subPathMounts(MOUNTINFO, '/srv')).toEqual([]);
  });

  it('reads octal escapes in mount points', () => {
    expect(subPathMounts(MOUNTINFO, '/etc/with space')).toEqual(['/etc/with space/key']);
  });
});

describe('parseMountinfo', () => {
  it('skips lines it cannot read', () => {
    expect(parseMountinfo('garbage\n\n1 2 0:3 / /x rw - tmpfs t rw')).toEqual([
      { root: '/', mountPoint: '/x' },
    ]);
  });
});
