# rank(arr, keys, counts): the entries of arr, largest value first, as keys[1..m] and counts[1..m]; returns m.
# Shared by jfr-summary and cpu-summary, which prepend this file to their awk programs and print their own columns.
function rank(arr, keys, counts,   k, i, j, m, x, y) {
    m = 0
    for (k in arr) { m++; keys[m] = k; counts[m] = arr[k] }
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (counts[j] > counts[i]) {
        x = counts[i]; counts[i] = counts[j]; counts[j] = x; y = keys[i]; keys[i] = keys[j]; keys[j] = y }
    return m
}
