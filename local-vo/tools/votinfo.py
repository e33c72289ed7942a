#!/usr/bin/python3
"""Summarise a VOTable read from stdin for local-vo/smoke.

Prints "rows=N status=S" where S is the last QUERY_STATUS INFO (OK if none),
followed by "FIELD=value" for the first row when --first is given.
"""
import io
import sys
import warnings

from astropy.io.votable import parse

warnings.simplefilter("ignore")


def main():
    vot = parse(io.BytesIO(sys.stdin.buffer.read()))
    status = "OK"
    for res in vot.resources:
        for info in res.infos:
            if info.name == "QUERY_STATUS":
                status = info.value
    for info in vot.infos:
        if info.name == "QUERY_STATUS":
            status = info.value
    try:
        table = vot.get_first_table()
    except IndexError:  # error documents have no table
        print(f"rows=0 status={status}")
        return
    print(f"rows={len(table.array)} status={status}")
    if "--first" in sys.argv and len(table.array):
        for field, value in zip(table.fields, table.array[0]):
            print(f"{field.name}={value}")


if __name__ == "__main__":
    main()
