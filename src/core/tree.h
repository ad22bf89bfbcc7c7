/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/tree.h - the tree listing virsh prints for --tree (snapshot-list,
 * checkpoint-list): each root at the left, its children below it, drawn
 * with "|" and "+- ", a line of the indent alone after the last leaf of a
 * branch:
 *
 *     s1
 *       |
 *       +- s2
 *       +- s3
 *           |
 *           +- s4
 *
 */
#pragma once

#include <stddef.h>

/* The tree of n nodes: names[i], parent[i] the index of its parent or -1
 * for a root.  Roots and the children of each node come in index order.
 * A node whose parent index is out of range counts as a root.  Returns the
 * text, every line ending with a newline (caller frees). */
char *tree_text(size_t n, const char *const *names, const long *parent);
