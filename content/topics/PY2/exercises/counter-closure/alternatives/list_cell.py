def make_counter(start=0):
    # A one-item list as the mutable cell: count changes its content, never rebinds the name.
    cell = [start]

    def count():
        cell[0] += 1
        return cell[0] - 1

    return count
